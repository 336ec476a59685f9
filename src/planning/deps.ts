// What planning reads of the other capabilities, through their own services and readers (given by src/server.ts):
// the registry (schools and their places, enrolments, classes, the current year), balance (the class-size standards
// of the district's pack, compliance and gaps), exams and growth (results and value-added, for pairing strength), teachers (the roster's exchange candidates and the
// moves a locked plan records).
import type { RegistryService } from '../registry/service.js';
import type { BalanceService } from '../balance/service.js';
import type { ExamService } from '../exams/service.js';
import type { GrowthService } from '../growth/service.js';
import type { MovesService } from '../teachers/moves/service.js';

export interface PlanningDeps {
  registry: RegistryService;
  balance: BalanceService;
  exams: ExamService;
  growth: GrowthService;
  /** The teachers' roster as exchange candidates, and the moves a locked plan records. */
  moves: MovesService;
}
