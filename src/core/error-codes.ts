/**
 * Every error code Tollgate writes, with what it means where people meet it.
 * `TollgateError` takes an `ErrorCode`, so a code missing here does not
 * compile; docs/errors.md (`npm run docs`, `tollgate docs errors`) is rendered
 * from this list. A key with `<…>` stands for a family of codes built from a
 * value (`http_<status>` is `http_404`); `ErrorCode` spells each family out.
 */

/** Where people meet an error code. */
export const ErrorArea = {
  /** A definition refused by `validate`, `apply` or the API. */
  definition: 'definition',
  /** A step of a run failed with it; an `on_error` path reads it as `error.code`. */
  step: 'step',
  /** An API answer (`{error: {code, message}}`) and the CLI that shows it. */
  api: 'api',
  /** Starting Tollgate, or a CLI command that runs without a server. */
  startup: 'startup',
} as const;
export type ErrorArea = (typeof ErrorArea)[keyof typeof ErrorArea];

/** One code's meaning in each area it shows in: one sentence, with what to do. */
export type ErrorCodeDescriptions = Readonly<Partial<Record<ErrorArea, string>>>;

export const ERROR_CODES = {
  api_key_not_found: { api: 'No API key with this id.' },
  approval_already_decided: { api: 'The approval task was decided (or timed out) already.' },
  approval_not_found: { api: 'No approval task with this id.' },
  approvals_unavailable: { step: 'An approval step ran in a process without approvals configured; run the worker with `tollgate start` or `tollgate worker`.' },
  audit_anchor_invalid: { api: 'An audit anchor is written `<seq>:<hash>`: a whole number, a colon and 64 hex characters, as GET /api/v1/audit/anchor prints it.', startup: 'An audit anchor is written `<seq>:<hash>`, as `tollgate audit verify` or GET /api/v1/audit/anchor prints it.' },
  audit_entry_not_found: { api: 'No audit entry with this seq: it was never written, or a retention purge removed it (its export file has it).' },
  audit_export_failed: { startup: 'The audit entries to purge could not be written to the export file, or it did not read back the same; nothing was purged. Check the path and free space.' },
  audit_purge_conflict: { api: 'Another purge or append changed the audit trail while this purge exported it; run the purge again.', startup: 'Another purge changed the audit trail while this purge exported it; run the purge again.' },
  audit_trail_broken: { startup: '`tollgate audit verify` found an edited, deleted, inserted or reordered entry; the report names the first one. Restore the database from a backup or an export.' },
  backup_failed: { startup: 'The backup could not be written, or the copy did not check whole (integrity_check); nothing is left at the target. Check the path and free space.' },
  backup_target_exists: { startup: 'The backup file exists already: a backup never overwrites; give a new file name.' },
  backup_unsupported: { startup: '`tollgate backup` copies the SQLite database; with PostgreSQL (DATABASE_URL) back up with pg_dump.' },
  backtest_failed: { api: 'The backtest stopped on an unexpected error; the server log has the detail.' },
  backtest_not_found: { api: 'No backtest with this id in this server; backtests are kept in memory (the last 20) until it restarts.' },
  backtest_trigger_invalid: { api: 'Only a workflow with an event trigger can be backtested; preview the others with their input.' },
  body_too_deep: { api: 'The request body nests deeper than allowed.' },
  bulk_limit_exceeded: { api: 'A bulk retry or cancel named or matched more runs than one call takes (1,000); the message says how many. Narrow the filter (workflow, status, time range) and send it in parts.' },
  caller_mismatch: { api: 'You are signed in as one person and named another as the actor; leave the field out.' },
  caller_unknown: { api: 'Say who is acting: send an API key, or (with authentication off) give the email field.' },
  charge_not_found: { api: 'The approval task names no Stripe charge or payment intent to look up.' },
  child_run_failed: { step: 'The workflow a `workflow` step ran failed or was cancelled; its error is in the details.' },
  comment_required: { api: 'The approval step requires a comment on rejection.' },
  config_invalid: { startup: 'A setting (environment variable or flag) is not valid; the message names it and what to set.' },
  connector_ambiguous: { step: 'Several connectors of the kind the operation needs exist; name one with `connector`.', api: 'Several connectors of the kind the call needs exist; name one (`connector`).' },
  connector_exists: { api: 'A connector with this id exists already; change it instead, or pick another id.' },
  connector_invalid: { api: 'The connector (type, title or a config setting) is not valid; each issue names the field under `body` and the fix. Nothing was applied.' },
  connector_missing: { step: 'The operation needs a connector and none is defined; add a Connector document of that type.' },
  connector_not_found: { api: 'No connector with this id.' },
  connector_secret_missing: { step: 'A connector\'s config names an environment variable (`{{ env.NAME }}`) that is not set where the worker runs; set it.' },
  connector_type_mismatch: { step: 'The step\'s `connector` is of another type than the operation needs.' },
  connector_variable_unknown: { api: 'The connector names no such environment variable.' },
  currency_unknown: { step: '`$minor`, `$major` or `$money` got a currency that is not an ISO 4217 code.' },
  database_newer: { startup: 'The database was migrated by a newer Tollgate (it has migrations this build does not know); run that version, or restore the backup taken before the upgrade.' },
  database_query_timeout: {
    api: 'PostgreSQL did not answer a query within TOLLGATE_DATABASE_QUERY_TIMEOUT (the message names its host:port): the server is stopped, overloaded or cannot be reached. That connection was closed; try again (with the same Idempotency-Key). If it persists, check the database server and the network path to it.',
  },
  database_unreachable: { startup: 'The database could not be opened or reached; check DATABASE_URL or the SQLite path.' },
  definition_format_unsupported: { definition: 'A stored definition is in a format this build cannot read (written by a newer Tollgate); the message names the workflow, the version and the formats this build reads.' },
  definition_invalid: { definition: 'The definitions have problems: each issue names the document, the path (`steps[2].next`) and the fix. Nothing was applied.' },
  definition_path_invalid: { definition: 'A path given to `validate -f` or `apply -f` is not a readable file or folder of .yaml, .yml or .json files.' },
  delegation_ended: { api: 'The delegation has ended already.' },
  delegation_id_invalid: { api: 'Not a delegation id.' },
  delegation_invalid: { api: 'The delegation has problems (dates, delegate); each issue says which.' },
  delegation_not_found: { api: 'No delegation with this id.' },
  duration_invalid: { step: 'A duration is not a number with a unit (ms, s, m, h, d, w), e.g. `30s` or `2d`.' },
  email_address_invalid: { step: 'An `email.send` recipient is not an email address.' },
  email_fields_invalid: { step: '`email.send` `fields` is not a list of {label, value}.' },
  email_recipient_invalid: { step: 'An `email.send` recipient is neither an address, `{team: id}` nor `{users: [emails]}`.' },
  email_recipient_missing: { step: '`email.send` `to` rendered to no recipient at all.' },
  email_subject_missing: { step: '`email.send` `subject` is missing or empty once rendered.' },
  endpoint_missing: { api: '`tollgate stripe endpoints update` needs the webhook endpoint id when the sandbox has several and none is the one `tollgate start` delivers to; the message lists them.' },
  event_file_invalid: { api: '`tollgate stripe trigger --event-file` got a file that is not a JSON or YAML object.' },
  event_invalid: { api: 'The Stripe event body is not a Stripe event (id, type, data.object).' },
  event_not_found: { api: 'No stored event with this id.' },
  event_type_missing: { api: '`tollgate stripe trigger` needs the event type (with `--event-file`, when the file holds only a `data.object`).' },
  event_type_unknown: { api: 'Not a Stripe event type Tollgate accepts; the message suggests the closest, and GET /api/v1/reference/event-types lists them.' },
  expiry_invalid: { api: 'The API key expiry is not a future time.' },
  expression_failed: { step: 'An expression failed as it ran (e.g. a function given the wrong type); the message names the expression and the position.' },
  expression_invalid: { definition: 'An expression does not parse; the message gives the character and what JSONata expected.' },
  expression_limit_exceeded: { step: 'An expression went past its time, depth or size limit; look for a loop that never ends or a value that grows without bound.' },
  expression_options_invalid: { definition: 'Expression limits (time, depth, size) must be positive whole numbers.' },
  fault_invalid: { api: 'A sandbox fault is not well formed: give a status (500, 429, 502, 503, 504) or a timeout, a positive count, and optional method and path.' },
  forbidden: { api: 'Your role does not allow this.' },
  foreach_items_invalid: { step: 'A foreach `items` expression did not give a list.' },
  form_invalid: { api: 'The request form has problems: each issue names the field and what is wrong.' },
  grant_beyond_caller: { api: 'You cannot give an API key or user more rights than you have.' },
  host_invalid: { startup: 'No such address on this machine to listen on; set --host or TOLLGATE_HOST.' },
  'http_<status>': {
    step: '`http.request` got this HTTP status (e.g. `http_404`); 429 and 5xx are retried, other 4xx fail the step. The response is in the details.',
    api: 'The server answered with this HTTP status and no Tollgate error body (the CLI says so).',
  },
  http_config_invalid: { step: 'The http connector has credentials (`headers`, `bearer_token`) but no absolute `base_url`; they are sent only to URLs under it.' },
  http_method_invalid: { step: '`http.request` `method` is not GET, POST, PUT, PATCH, DELETE or HEAD.' },
  http_network_error: { step: '`http.request` could not reach the server (DNS, refused connection, TLS); retried.' },
  http_url_invalid: { step: '`http.request` `url` is not an absolute URL and no http connector gives a `base_url`.' },
  idempotency_key_in_use: { api: 'A request with the same Idempotency-Key is still being processed; retry later.' },
  idempotency_key_invalid: { api: 'The Idempotency-Key header is not 1 to 255 printable ASCII characters; send e.g. a UUID.' },
  idempotency_key_outcome_unknown: { api: 'A request with this Idempotency-Key was interrupted and its outcome is unknown; check, then retry with a new key.' },
  idempotency_key_reused: { api: 'The Idempotency-Key was used for a different request; use a new key.' },
  input_file_invalid: { api: 'A `--input-file` is not readable JSON or YAML of an object.' },
  input_invalid: { api: 'The run input does not match the trigger\'s fields; each issue names the field.' },
  intake_overloaded: {
    api: 'The workers are behind: work taken now would wait longer than TOLLGATE_INTAKE_MAX_LAG. Nothing was stored; send the delivery again after the Retry-After seconds (Stripe retries on its own).',
  },
  internal_error: {
    step: 'An unexpected error inside Tollgate; the log has the detail. Please report it.',
    api: 'An unexpected error; the server log has the detail under the request id.',
  },
  invalid_currency: { api: 'The sandbox event currency is not a three-letter code.' },
  last_admin: { api: 'The last admin cannot be removed or demoted.' },
  login_failed: { api: 'Wrong email or password.' },
  message_not_found: { api: 'No outbox or inbox message with this id.' },
  migration_invalid: { startup: 'A migration file is misnamed (NNNN-short-name.sql), misnumbered, or runs outside a transaction a statement that is not safe to repeat.' },
  money_invalid: { step: '`$minor` got something that is not an amount (a number or a decimal string).' },
  money_out_of_range: { step: 'A money amount is beyond what can be represented exactly.' },
  money_too_precise: { step: '`$minor` got more decimals than the currency has (e.g. 1.999 USD); round it first.' },
  not_an_approver: { api: 'You are not an assignee of this approval task.' },
  not_your_approval: { api: 'The approval task is not assigned to you.' },
  not_your_request: { api: 'The request is someone else\'s.' },
  not_your_run: { api: 'The run is someone else\'s.' },
  offering_ambiguous: { api: 'Several services have an offering with this id; name it as service/offering.' },
  offering_form_missing: { api: 'The offering\'s workflow has no form trigger.' },
  offering_not_found: { api: 'No offering with this id.' },
  offering_not_published: { api: 'The offering is a draft; publish it to take requests.' },
  offering_unavailable: { api: 'The offering takes no requests now.' },
  operation_unknown: {
    step: 'The step `uses` an operation this build does not have (it was removed since the definition was published).',
    api: '`tollgate operations NAME` knows no such operation; the message suggests the closest.',
  },
  outbound_address_refused: {
    step: '`http.request` or `webhook.post` would reach a loopback, private, link-local or metadata address (directly, through DNS or a redirect); list the host, host:port or a CIDR in TOLLGATE_OUTBOUND_ALLOW to allow it.',
  },
  outbound_too_large: { step: 'The response body is larger than TOLLGATE_OUTBOUND_MAX_BYTES (5 MB by default); ask for less or raise the limit.' },
  outbound_too_many_redirects: { step: '`http.request` was redirected more than 5 times; call the final URL.' },
  outbound_url_invalid: { step: 'An outbound call or one of its redirects goes to a URL that is not http or https.' },
  output_unwritable: { api: '`export -o` could not write the file.' },
  password_too_short: { api: 'The password is too short.' },
  port_forbidden: { startup: 'Not allowed to listen on the port; use one above 1023 (--port or TOLLGATE_PORT).' },
  port_in_use: { startup: 'Something already listens on the port; stop it or set --port / TOLLGATE_PORT.' },
  recovery_account_refused: {
    api: "Stripe refused to list a connected account's events (the account is not connected to this platform, or the key may not act for it); check the id under `accounts`.",
  },
  recovery_window_invalid: { api: 'The window of a Stripe event recovery is empty, or starts more than 30 days ago (Stripe keeps events for 30 days). Give `since` within the last 30 days and before `until`.' },
  regex_invalid: { step: 'A regular expression in an expression does not parse.' },
  regex_unsupported: { step: 'A regular expression uses a feature the linear-time engine cannot run (backreferences, lookaround).' },
  request_closed: { api: 'The request is closed already.' },
  request_invalid: { api: 'The API request has problems; each issue names the field (see /api/v1/openapi.json).' },
  request_not_found: { api: 'No request with this id.' },
  requester_invalid: { api: 'The requester is not an email address.' },
  restore_database_busy: { startup: 'The database is open (its -wal and -shm files exist): stop every Tollgate process using it, or start and stop Tollgate once after a crash, then restore.' },
  restore_failed: { startup: 'The backup could not be copied beside the database; the database was not touched. Check the folder and free space.' },
  restore_unreadable: { startup: 'The file is missing, not a Tollgate backup, does not check whole (integrity_check), or comes from a newer Tollgate.' },
  restore_unsupported: { startup: '`tollgate restore` puts back a SQLite backup; with PostgreSQL (DATABASE_URL) restore with pg_restore.' },
  roles_missing: { api: 'A user needs at least one role.' },
  route_not_found: { api: 'No such API route; /api/v1/openapi.json lists them.' },
  run_already_finished: { api: 'The run has ended; it cannot be cancelled.' },
  run_not_found: { api: 'No run with this id.' },
  run_not_retryable: { api: 'Only a failed run can be retried.' },
  run_not_waiting_on_time: { api: '`runs wake` found nothing of the run waiting on a time: it ended, or waits on an approval without timeout or a child run.' },
  sandbox_error: { api: 'The Stripe sandbox refused a control request.' },
  sandbox_off: { api: 'The Stripe sandbox is not running in this setup.' },
  sandbox_only: { api: 'A draft runs for real (`effects: sandbox`) only against the built-in Stripe sandbox; preview it simulated.' },
  sandbox_refused: { api: 'The Stripe sandbox refused the test event.' },
  sandbox_unreachable: { api: 'The CLI could not reach the Stripe sandbox; is `tollgate start` running?' },
  schedule_invalid: { definition: 'A schedule trigger\'s `cron` or `timezone` is not valid.' },
  sandbox_state_unreadable: { startup: 'The Stripe sandbox\'s saved state cannot be loaded; move the file the message names away to start with an empty sandbox.' },
  scope_invalid: { api: 'An API key scope is neither a role nor a permission.' },
  scope_missing: { step: 'A step inside a loop lost its scope (a run begun before migration 0007); start the run again.' },
  secret_key_invalid: { startup: 'TOLLGATE_SECRET_KEY is not a valid key.' },
  secret_unreadable: {
    step: 'A stored connector secret does not open: the key it was sealed with is gone or the value was altered; set it again.',
    startup: 'A stored secret cannot be decrypted with TOLLGATE_SECRET_KEY (the key changed).',
  },
  saved_view_name_taken: { api: 'You have a saved view of this name on this page already (names compare without case); pick another name, or change that view.' },
  saved_view_not_found: { api: 'No saved view with this id that you can see: yours, or one shared with a team you are a member of.' },
  saved_view_not_owner: { api: 'A saved view shared with your team is its owner\'s: only they (or an admin) may rename, change or delete it. Save your own copy instead.' },
  saved_view_query_invalid: { api: 'A saved view\'s query string is not one its page writes: each issue says what is wrong (a filter the page does not have, a value it does not take, a broken escape, too long).' },
  saved_view_team_invalid: { api: 'A view is shared only with a team you are a member of; the message lists yours.' },
  separation_of_duties: { api: 'The person who submitted the request cannot approve it, and who decided one approval step of a run cannot decide another of the same run (unless `policy.approvals.distinct_approvers: false`).' },
  server_response_invalid: { api: 'The server answered something that is not JSON.' },
  server_timeout: { api: 'The server did not answer in time.' },
  server_unreachable: { api: 'The CLI could not reach the server; start it, or give where it listens with --server or TOLLGATE_SERVER.' },
  service_exists: { api: 'A catalog service with this id exists already; change it instead, or pick another id.' },
  service_file_invalid: { api: 'The `--file` of `tollgate services create` or `edit` is not one JSON or YAML object of the service (id, title, description, offerings), or names another kind or service; the message says which.' },
  service_invalid: {
    api: 'The service (title, description or an offering: its id, workflow or pinned version) is not valid; each issue names the field under `body` and the fix. Nothing was applied.',
  },
  service_not_found: { api: 'No catalog service with this id.' },
  signature_invalid: { api: 'A Stripe or webhook delivery\'s signature does not match the signing secret; the delivery is refused.' },
  'smtp_<responseCode>': { step: 'The SMTP server answered with this reply code (e.g. `smtp_550`); 4xx are retried, 5xx fail the step.' },
  smtp_config_invalid: { step: 'The smtp connector\'s config is missing or has a wrong host, port or sender.' },
  smtp_connection_failed: { step: 'The SMTP server could not be reached; retried.' },
  smtp_message_invalid: { step: 'The SMTP server refused the message as malformed.' },
  stdin_missing: { startup: 'The command reads a secret from standard input and got none.' },
  step_aborted: { step: 'The step\'s `timeout` passed before Stripe answered; retried with the same idempotency key.' },
  step_crashed_worker: { step: 'The worker running the step stopped (crash or kill) too many times in a row on it; the step fails instead of being tried forever.' },
  step_not_email: { api: 'Only email.send steps can be previewed.' },
  step_not_found: { api: 'The workflow has no step with this id.' },
  step_timeout: { step: 'The action took longer than its `timeout`; retried when attempts remain.' },
  step_type_unknown: { step: 'The run reached a step type this build does not know.' },
  store_unavailable: { step: 'The database did not answer; nothing was written and the work is retried once it is back.' },
  stored_definition_invalid: { definition: 'A stored definition no longer matches the workflow schema; the message names the workflow, the version and the first problem. Apply a corrected definition and publish it.' },
  'stripe_<type>': { step: 'Stripe refused the call and gave no code: the code is its error type, e.g. `stripe_authentication_error`. When Stripe gives a code (`card_declined`, `charge_already_refunded`, `resource_missing`) that code is used; see https://docs.stripe.com/error-codes.' },
  stripe_answer_invalid: { api: 'Stripe answered a lookup with something other than an object.' },
  stripe_config_invalid: { step: 'The stripe connector\'s config has no usable `api_key` (or a wrong `api_base`).' },
  stripe_param_invalid: { step: 'A Stripe operation parameter has the wrong shape (e.g. `stripe.request` `path` or `method`).' },
  stripe_param_missing: { step: 'A Stripe operation misses what it needs, e.g. `stripe.refunds.create` without `charge` or `payment_intent`.' },
  stripe_request_invalid: { step: 'The Stripe SDK refused the call before sending it; check the step\'s parameters.' },
  team_empty: { step: 'An `email.send` recipient `{team: id}` names a team with no members.' },
  team_exists: { api: 'A team with this id exists already; change it instead, or pick another id.' },
  team_invalid: { api: 'The team (title, description or a member) is not valid; each issue names the field under `body` and the fix. Nothing was applied.' },
  team_member_invalid: { api: 'The team member is not valid (email, role).' },
  team_member_not_found: { api: 'The team has no such member.' },
  team_not_found: {
    step: 'A `{team: id}` (approval assignee or email recipient) names no team; apply a Team document.',
    api: 'No team with this id.',
  },
  template_invalid: { step: 'A `{{ … }}` template does not parse (an unclosed `{{`, an empty expression).' },
  template_not_found: { api: 'No workflow template with this id; the message lists them.' },
  template_value_missing: { step: 'A template\'s expression gave nothing (a missing variable or field) where a value is needed.' },
  thin_event_fetch_failed: {
    api: 'A thin Stripe event arrived, but its related object could not be fetched from Stripe now (network, 5xx, 429), or Stripe refused the connector\'s key (401: fix its secret key). Nothing was stored; Stripe delivers it again, and the fetch is tried then.',
  },
  thin_event_invalid: { api: 'A thin Stripe event (`object: "v2.core.event"`) lacks what Tollgate needs: a `v1.` event type and a `related_object` with a `/v1/` url; the path names the field. Nothing was stored.' },
  thin_event_object_unavailable: {
    api: 'Stripe refused the related object of a thin event for good (404: deleted or never there; 403: this key may not read it, or not as that account). Nothing was stored; the message names the object.',
  },
  topic_unknown: { api: '`tollgate docs TOPIC` knows no such topic; the message lists them and suggests the closest.' },
  trigger_not_webhook: { api: 'The workflow is not started by a webhook trigger.' },
  unauthenticated: { api: 'Send a valid API key or sign in.' },
  unknown_customer: { api: 'The sandbox has no such customer.' },
  unsupported_event_type: { api: 'The sandbox cannot make events of this type.' },
  user_exists: { api: 'A user with this email exists already.' },
  user_not_found: { api: 'No user with this email or id.' },
  version_not_found: { api: 'The workflow has no such version.' },
  wait_invalid: { step: 'A wait step has neither `for` nor `until`.' },
  wait_until_invalid: { step: 'A wait step\'s `until` did not give a time (an ISO 8601 string or epoch milliseconds).' },
  wake_not_allowed: { api: 'Runs are woken early only against the Stripe sandbox, a Stripe test key, or with TOLLGATE_ALLOW_WAKE=true.' },
  'webhook_<status>': { step: '`webhook.post` got this HTTP status (e.g. `webhook_410`); 429 and 5xx are retried, other statuses from 300 fail the step.' },
  webhook_body_missing: { step: '`webhook.post` has no `body`.' },
  webhook_config_invalid: { step: 'The webhook connector\'s config has no usable `secret` or `url`.' },
  webhook_headers_invalid: { step: '`headers` of `webhook.post` (or the connector\'s) is not an object of strings.' },
  webhook_delivery_in_progress: { api: 'The same signed webhook delivery is being taken by an earlier request; retry in a few seconds (it will then answer `duplicate`).' },
  webhook_network_error: { step: '`webhook.post` could not reach the receiver; retried with the same webhook-id.' },
  webhook_secret_missing: { api: 'A delivery cannot be checked: the stripe connector has no `webhook_secrets` (add the endpoint\'s whsec_… secret), or a webhook trigger\'s `{{ env.NAME }}` secret is not set where the server runs.' },
  webhook_url_invalid: { step: '`webhook.post` `url` is not a URL or a path.' },
  workflow_empty: { step: 'The workflow has no steps.' },
  workflow_no_draft: { api: 'The workflow has no draft to publish.' },
  workflow_not_active: { api: 'The workflow is not active; activate it.' },
  workflow_not_found: { api: 'No workflow with this id.' },
  workflow_not_published: { api: 'The workflow has no published version.' },
  // secrets (issue 12): key ids, rotation
  secret_key_unknown: {
    step: 'A stored secret names a key (its key id) that is neither TOLLGATE_SECRET_KEY nor an old key; put the old key in TOLLGATE_SECRET_KEY_OLD (or its secret.key.<id>.old file back), or set the secret again.',
    startup: '`tollgate secrets rotate` met a stored secret sealed with a key it does not have; nothing was re-sealed.',
  },
  secret_rotation_refused: { startup: '`tollgate secrets rotate` cannot run as configured (see the message); nothing was changed.' },
  csrf_failed: { api: 'A change sent with the session cookie lacks the `X-Tollgate-CSRF` header matching the `tollgate_csrf` cookie; the web app sends it, other programs should use an API key.' },
  login_locked: { api: 'Too many failed logins for this account or from this address; wait as `Retry-After` says, or ask an admin to run `tollgate users unlock`.' },
  rate_limited: { api: 'Too many requests for this key, user or address; wait as `Retry-After` says (limits: TOLLGATE_RATE_LIMIT_API, TOLLGATE_RATE_LIMIT_WEBHOOK).' },
  // Refund governance (issue 12): the money guard (engine/money/) refuses a refund or credit note before it is sent.
  refund_exceeds_refundable: { step: 'The refund or credit note is more than is still refundable: what Stripe shows as refunded plus what other runs have reserved; check the amount, or the charge\'s other refunds.' },
  charge_already_refunded: { step: 'The charge was refunded in full already (the money guard\'s pre-flight says so before Stripe would, with Stripe\'s own code).' },
  charge_disputed: { step: 'The charge is disputed: a refund now could pay the customer twice; answer the dispute instead.' },
  charge_changed_since_approval: { step: 'The refundable amount differs from what it was when the approval was given (a refund happened since); ask for a new approval.' },
  refund_limit_exceeded: { step: 'A refund cap of a Policy or the workflow\'s `policy` block (per customer, workflow or account and period) would be passed; the message names the cap, what is used and what was asked.' },
  money_outcome_unknown: { step: 'An earlier attempt of this money call may have moved money and Stripe cannot tell (its idempotency key has expired and no refund carries the run\'s metadata, or the look-up failed), and no person could be asked: name a team in the policy\'s `refunds.unknown_outcome_team`. Check in Stripe, then retry the run or end it.' },
  money_check_unconfirmed: { step: 'The person who checked an unknown money outcome named a refund or credit note that is not among the target\'s: nothing is settled. Retry the run to be asked again.' },
  money_target_unknown: { step: 'The refund or credit note names no charge, payment intent or invoice the money guard can read; give `with.charge`, `with.payment_intent` or `with.invoice`.' },
  // Approver authority and separation of duties (issue 12).
  approval_authority_exceeded: { api: 'Your approval limit is below what the approval task puts at stake (or in another currency); someone with a higher limit must decide it.' },
  approval_stake_invalid: { step: "An approval step's `amount` or `currency` did not render to a positive number and a three-letter currency; fix the template or the run's values." },
  author_cannot_approve: { api: 'You published the workflow version this run follows, so you cannot decide its approval tasks; another approver must (or set `policy.approvals.author_cannot_approve: false`).' },
} as const satisfies Record<string, ErrorCodeDescriptions>;

type CatalogKey = keyof typeof ERROR_CODES;

/** What each family's placeholder holds: an HTTP or SMTP status, or Stripe's error type (`card_error`). */
interface CodeFamilies {
  'http_<status>': `http_${number}`;
  'webhook_<status>': `webhook_${number}`;
  'smtp_<responseCode>': `smtp_${number}`;
  'stripe_<type>': `stripe_${string}`;
}

// Every family key of the catalogue is spelled out above, and nothing else is.
type FamilyKey = Extract<CatalogKey, `${string}<${string}>`>;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Holds<T extends true> = T;
type _FamiliesMatch = Holds<Same<FamilyKey, keyof CodeFamilies>>;

/** A code Tollgate writes: a catalogue key, or a member of one of its families. */
export type ErrorCode = Exclude<CatalogKey, FamilyKey> | CodeFamilies[FamilyKey];

/** A code another service gave, passed on as it came (Stripe's `card_declined`): not Tollgate's, so not in the catalogue. */
export type ForeignErrorCode = string & { readonly foreignErrorCode: true };

/** Marks a code from another service as passed on on purpose. */
export function foreignErrorCode(code: string): ForeignErrorCode {
  return code as ForeignErrorCode;
}
