// Planning: pairing — the service behind the routes.
import type { Db } from '../../core/db/index.js';
import type { PlanningDeps } from '../deps.js';

export class PairingService {
  constructor(
    readonly db: Db,
    readonly deps: PlanningDeps,
  ) {}
}
