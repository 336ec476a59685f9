// Teachers routes: training — the contract (contract.ts) with thin handlers over TrainingService.
import { routesOf } from '../../core/http/routes.js';
import { trainingApi } from './contract.js';
import type { TrainingService } from './service.js';

export const trainingRoutes = routesOf(trainingApi, (_s: { training: TrainingService }) => ({}));
