import { routesOf } from '../../core/http/routes.js';
import { retentionApi } from './contract.js';
import type { RetentionService } from './service.js';

export const retentionRoutes = routesOf(retentionApi, (_s: { retention: RetentionService }) => ({}));
