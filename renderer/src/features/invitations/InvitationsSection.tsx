/** The invitations section. */
export function InvitationsSection() {
  return <div className="section-empty" />;
}
