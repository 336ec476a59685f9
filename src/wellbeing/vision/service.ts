import type { Db } from '../../core/db/index.js';

export class VisionService {
  constructor(private readonly db: Db) {}
}
