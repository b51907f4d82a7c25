/** The chat section. */
export function ChatSection() {
  return <div className="section-empty" />;
}
