import { fuzzRoutes } from './fuzz-routes.js';

fuzzRoutes(1, 3);
