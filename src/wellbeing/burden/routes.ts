import { routesOf } from '../../core/http/routes.js';
import { burdenApi } from './contract.js';
import type { BurdenService } from './service.js';

export const burdenRoutes = routesOf(burdenApi, (_s: { burden: BurdenService }) => ({}));
