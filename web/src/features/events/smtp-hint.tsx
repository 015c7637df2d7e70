import { Link } from '@tanstack/react-router';

/** How mail kept in the outbox starts going out: an SMTP connector, made in Settings. */
export function SmtpHint() {
  return (
    <>
      Add an SMTP connector in <Link to="/settings/connectors">Settings → Connectors</Link> (New connector, type smtp): emails sent after that go to your mail server. Those kept
      here stay here.
    </>
  );
}
