// Teachers routes: training — the contract (contract.ts) with thin handlers over TrainingService.
import { routesOf } from '../../core/http/routes.js';
import { trainingApi } from './contract.js';
import type { TrainingService } from './service.js';

export const trainingRoutes = routesOf(trainingApi, (s: { training: TrainingService }) => ({
  summary: async ({ actor, query }) => s.training.summary(actor, query.year),
  below: async ({ actor, query }) => s.training.below(actor, query),
  belowExport: async ({ actor, query }) => {
    const { lang, ...q } = query;
    return s.training.belowFile(actor, q, lang);
  },
  teacher: async ({ actor, params, query }) => s.training.teacher(actor, params.teacherId, query.year),
  courses: async ({ actor, query }) => s.training.courses(actor, query),
  createCourse: async ({ actor, body }) => s.training.createCourse(actor, body),
  updateCourse: async ({ actor, params, body }) => s.training.updateCourse(actor, params.id, body),
  deleteCourse: async ({ actor, params, query }) => s.training.deleteCourse(actor, params.id, query.force === 'true'),
  courseAttendees: async ({ actor, params }) => s.training.courseAttendees(actor, params.id),
  addAttendance: async ({ actor, body }) => s.training.addAttendance(actor, body),
  removeAttendance: async ({ actor, params }) => s.training.removeAttendance(actor, params.courseId, params.teacherId),
  importAttendance: async ({ actor, file }) => s.training.importAttendance(actor, file!.filename, await file!.toBuffer()),
  template: async ({ actor, query }) => s.training.template(actor, query.lang),
}));
