// Placeholder until the page lands (replaced by its owner in this change).
export default function VisionPage() {
  return null;
}
