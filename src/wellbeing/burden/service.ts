import type { Db } from '../../core/db/index.js';

export class BurdenService {
  constructor(private readonly db: Db) {}
}
