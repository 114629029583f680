-- The offer catalog: one row per offer with its current definition (JSON kept by the application). A deleted offer
-- keeps its row, so that the orders it rewarded still name it.
create table checkout_offer (
    id         uuid         not null primary key,
    version    integer      not null,
    definition varchar(100000) not null,
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null,
    updated_by varchar(200) not null,
    deleted_at timestamp with time zone
);

-- What checkout keeps of a person, read in one query at quote time: units bought per SKU, brand and category (net
-- of returns), when each SKU was last bought, rewards granted per offer, the wish list (JSON kept by the
-- application, bounded in size).
create table checkout_person (
    person_id  uuid         not null primary key,
    updated_at timestamp with time zone not null,
    state      varchar(1000000) not null
);

-- Quotes given at the moment of purchase. An open quote may hold points (hold_id, in the loyalty ledger) until it is
-- confirmed, cancelled or expires; a confirmed one names its order, once.
create table checkout_quote (
    id           uuid         not null primary key,
    person_id    uuid,
    state        varchar(10)  not null,
    created_at   timestamp with time zone not null,
    expires_at   timestamp with time zone not null,
    points       bigint       not null,
    hold_id      uuid,
    order_id     varchar(200),
    confirmed_at timestamp with time zone,
    -- the request and the answer (JSON): a confirm records exactly what was quoted
    content      varchar(1000000) not null,
    constraint checkout_quote_order_uk unique (order_id)
);
create index checkout_quote_expiry on checkout_quote (state, expires_at);

-- Rewards of nth-purchase offers granted by confirmed orders, per order line: a return of those units reverses them.
create table checkout_reward (
    order_id  varchar(200) not null,
    offer_id  uuid         not null,
    sku       varchar(500) not null,
    person_id uuid         not null,
    units     integer      not null,
    returned  integer      not null,
    -- points paid for the rewarded units (0 when the reward was simply free)
    points    bigint       not null,
    primary key (order_id, offer_id, sku)
);

-- Returns already applied to the units bought and the rewards, by their returnId (or their event id): a return that
-- comes through two paths (a till, then an import) counts once.
create table checkout_return (
    return_key  varchar(300) not null primary key,
    order_id    varchar(500) not null,
    recorded_at timestamp with time zone not null
);
