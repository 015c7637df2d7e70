-- Values of the variables a connector's config names (`{{ env.NAME }}`) that an
-- admin set from the web app or the API instead of the environment. The
-- environment wins when it sets the variable too. Each value is sealed with
-- AES-256-GCM (system/secret-box.ts) under TOLLGATE_SECRET_KEY or the data
-- directory's secret.key; the database never holds a value in clear.
CREATE TABLE connector_secrets (
  connector_id TEXT NOT NULL,
  name TEXT NOT NULL,
  sealed TEXT NOT NULL,
  updated_by TEXT,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (connector_id, name)
);
