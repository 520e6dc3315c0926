-- Canonical warehouse tables. Every page queries these; every reader feeds them.
CREATE TABLE source (
    id VARCHAR PRIMARY KEY,          -- stable id: reader name + file stem
    file VARCHAR NOT NULL,           -- file name as given (never an absolute path of the build machine)
    format VARCHAR NOT NULL,         -- reader that loaded it
    sha256 VARCHAR NOT NULL,
    publisher VARCHAR,
    licence VARCHAR,
    title VARCHAR,
    rows_read BIGINT NOT NULL,
    rows_loaded BIGINT NOT NULL,
    rows_rejected BIGINT NOT NULL,
    loaded_at TIMESTAMP NOT NULL,
    is_demo BOOLEAN NOT NULL,
    url VARCHAR,                     -- where the publisher offers the data (sources.yml)
    accessed DATE,                   -- the date of the version loaded (sources.yml)
    citation VARCHAR                 -- how the publisher asks to be cited (sources.yml)
);
CREATE TABLE country (
    iso3 VARCHAR PRIMARY KEY,
    iso2 VARCHAR,
    name_en VARCHAR NOT NULL,
    name_ru VARCHAR NOT NULL,
    is_focus BOOLEAN NOT NULL
);
CREATE TABLE theme (
    code VARCHAR PRIMARY KEY,
    name_en VARCHAR NOT NULL,
    name_ru VARCHAR NOT NULL,
    sort_order INTEGER NOT NULL
);
CREATE TABLE cycle (
    code VARCHAR PRIMARY KEY,
    kind VARCHAR NOT NULL,           -- 'upr' or 'programming'
    name VARCHAR NOT NULL,
    name_ru VARCHAR NOT NULL,
    start_date DATE NOT NULL,
    end_date DATE NOT NULL,
    first_session INTEGER,           -- UPR Working Group sessions (upr cycles only)
    last_session INTEGER
);
CREATE TABLE treaty (
    code VARCHAR PRIMARY KEY,        -- e.g. CAT, OP-CAT
    name_en VARCHAR NOT NULL,
    name_ru VARCHAR NOT NULL,
    body VARCHAR,                    -- treaty body that monitors it
    is_protocol BOOLEAN NOT NULL,
    sort_order INTEGER NOT NULL
);
CREATE TABLE indicator (
    code VARCHAR PRIMARY KEY,
    name_en VARCHAR NOT NULL,
    name_ru VARCHAR NOT NULL,
    theme_code VARCHAR,              -- NULL only for uncatalogued series
    type VARCHAR NOT NULL,           -- structural | process | outcome
    unit VARCHAR NOT NULL,
    unit_ru VARCHAR NOT NULL,
    scale_min DOUBLE,
    scale_max DOUBLE,
    higher_is_better BOOLEAN,
    progress_method VARCHAR NOT NULL, -- growth | absolute | category | achieved | trend
    change_threshold DOUBLE,          -- yearly absolute change that counts as real (absolute method)
    is_composite BOOLEAN NOT NULL,    -- composite index used as an outcome-level proxy
    is_headline BOOLEAN NOT NULL,     -- headline indicator of its theme
    catalogued BOOLEAN NOT NULL,
    source_id VARCHAR,                -- publisher key of the catalogue (not a loaded file)
    publisher VARCHAR,
    licence VARCHAR,
    definition VARCHAR
);
CREATE TABLE observation (
    indicator_code VARCHAR NOT NULL,
    country_iso3 VARCHAR NOT NULL,
    year INTEGER NOT NULL,
    value DOUBLE NOT NULL,
    lower DOUBLE,
    upper DOUBLE,
    disaggregation VARCHAR NOT NULL,  -- '' for the total; 'SEX=F;AGE=Y15T49' otherwise (sorted keys)
    is_total BOOLEAN NOT NULL,
    note VARCHAR,
    source_id VARCHAR NOT NULL
);
CREATE TABLE recommendation (
    id VARCHAR NOT NULL,              -- unique (checked by checks/unique_keys.sql; no index: bulk loads)
    country_iso3 VARCHAR NOT NULL,    -- state under review / country concerned
    mechanism VARCHAR NOT NULL,       -- upr | treaty_body | special_procedure
    body VARCHAR NOT NULL,            -- 'UPR', 'CAT', 'SR on torture', ...
    recommending_state VARCHAR,       -- as resolved (English name) or as written when unresolved
    recommending_iso3 VARCHAR,
    session INTEGER,
    cycle_code VARCHAR,
    year INTEGER,
    date DATE,
    document VARCHAR,
    paragraph VARCHAR,                -- its paragraph in the document ('115.3'), where the source says
    position_source VARCHAR,          -- where the position is given, as written ('A/HRC/28/15/Add.1 - Para. 3')
    text VARCHAR NOT NULL,
    response VARCHAR,                 -- supported | noted | NULL
    action_category INTEGER,
    is_pledge BOOLEAN NOT NULL,
    affected_persons VARCHAR,
    sdgs VARCHAR,
    tags VARCHAR,                     -- the source's own tags, '; '-joined, mapped or not
    source_id VARCHAR NOT NULL,
    text_hash UBIGINT NOT NULL,       -- hash of lower(trim(text)): finds the same text across cycles
    theme_codes VARCHAR[] NOT NULL,   -- its rows of recommendation_theme, in theme order ([] when none):
                                      -- theme filters and counts need no join on the string id
    also_in VARCHAR[] NOT NULL        -- other sources that held the same recommendation (merged into this row)
);
CREATE TABLE recommendation_theme (
    recommendation_id VARCHAR NOT NULL,
    theme_code VARCHAR NOT NULL
);
-- Built from recommendation at build time: recommendations counted per country, mechanism, UPR
-- cycle, year, response, pledge, source and set of themes (a few thousand rows for 1,000,000
-- recommendations). Counts by theme: unnest(theme_codes) (a recommendation counts once per theme).
CREATE TABLE recommendation_summary (
    country_iso3 VARCHAR NOT NULL,
    mechanism VARCHAR NOT NULL,
    cycle_code VARCHAR,
    year INTEGER,
    response VARCHAR,
    is_pledge BOOLEAN NOT NULL,
    source_id VARCHAR NOT NULL,
    theme_codes VARCHAR[] NOT NULL,
    recommendations BIGINT NOT NULL
);
CREATE TABLE recommendation_tag (
    recommendation_id VARCHAR NOT NULL,
    tag VARCHAR NOT NULL,
    theme_code VARCHAR                -- NULL when the tag maps to no theme (kept, listed in the summary)
);
CREATE TABLE ratification (
    country_iso3 VARCHAR NOT NULL,
    treaty VARCHAR NOT NULL,
    action VARCHAR NOT NULL,          -- ratification | accession | succession | acceptance | approval | formal_confirmation | signature
    date DATE,
    year INTEGER,                     -- NULL: the act is known but the source gives no date (WPDL signatories)
    source_id VARCHAR NOT NULL
);
CREATE TABLE event (
    country_iso3 VARCHAR NOT NULL,
    date DATE NOT NULL,
    kind VARCHAR NOT NULL,            -- ratification | nhri_accreditation | upr_review | action_plan | country_visit | nmrf | npm | other
    title VARCHAR NOT NULL,
    source_id VARCHAR NOT NULL
);
CREATE TABLE implementation (
    recommendation_id VARCHAR NOT NULL,
    status VARCHAR NOT NULL,          -- not_implemented | partially_implemented | fully_implemented
    date DATE NOT NULL,
    source_id VARCHAR NOT NULL
);
CREATE TABLE progress_cutpoint (
    indicator_code VARCHAR PRIMARY KEY,
    threshold DOUBLE NOT NULL,        -- a rise of at least this counts (V-Dem Barometer `up`)
    threshold_down DOUBLE NOT NULL,   -- a fall of at least this counts (V-Dem Barometer `down`)
    source_id VARCHAR NOT NULL
);
CREATE TABLE build_info (
    key VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);
-- Source tags left outside ROCA's priorities on purpose (data/reference/theme_outside.csv); their
-- recommendations are still counted, under "other themes".
CREATE TABLE theme_outside (
    vocabulary VARCHAR NOT NULL,
    tag VARCHAR NOT NULL,
    reason VARCHAR NOT NULL
);
-- The UPR reviews of each focus country (data/reference/upr_reviews.csv, session starts from
-- upr_sessions.csv): what coverage views compare the loaded recommendations against.
CREATE TABLE upr_review (
    country_iso3 VARCHAR NOT NULL,
    session INTEGER NOT NULL,
    session_year INTEGER NOT NULL,
    session_start DATE,               -- NULL when upr_sessions.csv has no first day yet
    PRIMARY KEY (country_iso3, session)
);
