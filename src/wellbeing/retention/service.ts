import type { Db } from '../../core/db/index.js';
import type { WellbeingService } from '../service.js';
import type { VisionService } from '../vision/service.js';
import type { BurdenService } from '../burden/service.js';

export class RetentionService {
  constructor(
    private readonly db: Db,
    private readonly kinds: { fitness: WellbeingService; vision: VisionService; burden: BurdenService },
  ) {}
}
