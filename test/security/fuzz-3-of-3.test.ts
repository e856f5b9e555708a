import { fuzzRoutes } from './fuzz-routes.js';

fuzzRoutes(2, 3);
