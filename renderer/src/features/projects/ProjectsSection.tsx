/** The projects section. */
export function ProjectsSection() {
  return <div className="section-empty" />;
}
