import { routesOf } from '../../core/http/routes.js';
import { visionApi } from './contract.js';
import type { VisionService } from './service.js';

export const visionRoutes = routesOf(visionApi, (_s: { vision: VisionService }) => ({}));
