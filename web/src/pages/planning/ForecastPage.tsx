// Planning page (skeleton, replaced by its owner).
import { PageHeader } from '../../components/PageHeader.js';

export default function ForecastPage() {
  return <PageHeader title="ForecastPage" />;
}
