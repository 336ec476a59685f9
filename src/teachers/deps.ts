// What the teachers capability reads of the others, through their services (given by src/server.ts): the registry
// (schools, levels, enrolments, the current year, the statistics its roster's counts flow into).
import type { RegistryService } from '../registry/service.js';

export interface TeachersDeps {
  registry: RegistryService;
}
