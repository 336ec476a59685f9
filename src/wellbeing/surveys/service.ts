import type { Db } from '../../core/db/index.js';

export class SurveyService {
  constructor(private readonly db: Db) {}
}
