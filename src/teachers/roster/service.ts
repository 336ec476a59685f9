// Teachers: roster — the service behind the routes.
import type { Db } from '../../core/db/index.js';
import type { TeachersDeps } from '../deps.js';

export class RosterService {
  constructor(
    readonly db: Db,
    readonly deps: TeachersDeps,
  ) {}
}
