import { fuzzRoutes } from './fuzz-routes.js';

fuzzRoutes(0, 3);
