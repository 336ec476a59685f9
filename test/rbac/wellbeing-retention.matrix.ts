// RBAC rows of retention (student wellbeing). Expectations written from the rules, by hand (not read from the policy):
// the retention setting, its preview and the purge are the bureau's ('wellbeing.manage': admin, analyst and the
// health staff) — not a school clerk, an inspector, a viewer or the personnel staff. The setting is saved as null (keep everything), so
// the purge finds nothing due and answers 409 to those allowed.
import type { MatrixRow } from './matrix.js';
import { only } from './matrix.js';

export function retentionRows(): MatrixRow[] {
  const bureau = only('ok', 'admin', 'analyst', 'health');
  return [
    { route: 'retention.setting', method: 'GET', url: '/api/wellbeing/retention', expect: bureau },
    { route: 'retention.saveSetting', method: 'PUT', url: '/api/wellbeing/retention', body: { retentionYears: null }, expect: bureau },
    { route: 'retention.preview', method: 'GET', url: '/api/wellbeing/retention/preview?years=3', expect: bureau },
    {
      route: 'retention.purge',
      note: 'nothing due (409 when allowed)',
      method: 'POST',
      url: '/api/wellbeing/retention/purge',
      body: { retentionYears: 3 },
      expect: only('allowed', 'admin', 'analyst', 'health'),
    },
  ];
}
