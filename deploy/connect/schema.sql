-- The warehouse tables the JDBC sink connectors of deploy/connect/ keep up to date, one per topic. The
-- connectors never create or alter a table (schema.evolution=none): these types are chosen here, exact
-- decimals for every credit and amount. Run once before the connectors start (compose does).
-- Each table's first column is the record's key on its topic: the sink upserts by it and deletes by it
-- on a tombstone.

-- attribution-credits: one row per touchpoint credit in each current answer (the rows of attribution.csv).
CREATE TABLE IF NOT EXISTS attribution_credits (
    credit_key      text PRIMARY KEY,
    customer_id     text NOT NULL,
    conversion_type text NOT NULL,
    model           text NOT NULL,
    version         bigint NOT NULL,
    settings        text NOT NULL,
    conversion_at   timestamptz,
    interaction_id  text NOT NULL,
    type            text NOT NULL,
    channel         text NOT NULL,
    campaign        text,
    occurred_at     timestamptz NOT NULL,
    credit          numeric NOT NULL,
    revenue         numeric NOT NULL
);
CREATE INDEX IF NOT EXISTS attribution_credits_by_customer ON attribution_credits (customer_id);
CREATE INDEX IF NOT EXISTS attribution_credits_by_channel ON attribution_credits (conversion_type, model, channel);

-- attribution-channel-totals: what each channel earned per (conversion type, model).
CREATE TABLE IF NOT EXISTS attribution_channel_totals (
    total_key           text PRIMARY KEY,
    conversion_type     text NOT NULL,
    model               text NOT NULL,
    channel             text NOT NULL,
    credit              numeric NOT NULL,
    revenue             numeric NOT NULL,
    revenue_cents       numeric NOT NULL,
    touchpoints         bigint NOT NULL,
    customers           bigint NOT NULL,
    removal_effect      double precision,
    spend               numeric NOT NULL,
    spend_cents         numeric NOT NULL,
    spend_facts         bigint NOT NULL,
    roas                numeric,
    cost_per_conversion numeric
);

-- attribution-campaign-totals: the same per (channel, campaign).
CREATE TABLE IF NOT EXISTS attribution_campaign_totals (
    total_key           text PRIMARY KEY,
    conversion_type     text NOT NULL,
    model               text NOT NULL,
    channel             text NOT NULL,
    campaign            text NOT NULL,
    credit              numeric NOT NULL,
    revenue             numeric NOT NULL,
    revenue_cents       numeric NOT NULL,
    touchpoints         bigint NOT NULL,
    customers           bigint NOT NULL,
    spend               numeric NOT NULL,
    spend_cents         numeric NOT NULL,
    spend_facts         bigint NOT NULL,
    roas                numeric,
    cost_per_conversion numeric
);

-- attribution-month-totals: the same per channel and month (YYYY-MM in the business zone), with what was spent
-- on the channel that month.
CREATE TABLE IF NOT EXISTS attribution_month_totals (
    total_key           text PRIMARY KEY,
    conversion_type     text NOT NULL,
    model               text NOT NULL,
    month               text NOT NULL,
    channel             text NOT NULL,
    credit              numeric NOT NULL,
    revenue             numeric NOT NULL,
    revenue_cents       numeric NOT NULL,
    touchpoints         bigint NOT NULL,
    customers           bigint NOT NULL,
    spend               numeric NOT NULL,
    spend_cents         numeric NOT NULL,
    spend_facts         bigint NOT NULL,
    roas                numeric,
    cost_per_conversion numeric
);
