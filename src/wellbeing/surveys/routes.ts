import { routesOf } from '../../core/http/routes.js';
import { surveysApi } from './contract.js';
import type { SurveyService } from './service.js';

export const surveysRoutes = routesOf(surveysApi, (_s: { surveys: SurveyService }) => ({}));
