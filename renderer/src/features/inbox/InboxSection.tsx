/** The inbox section. */
export function InboxSection() {
  return <div className="section-empty" />;
}
