// Planning: exchange — the service behind the routes.
import type { Db } from '../../core/db/index.js';
import type { PlanningDeps } from '../deps.js';

export class ExchangeService {
  constructor(
    readonly db: Db,
    readonly deps: PlanningDeps,
  ) {}
}
