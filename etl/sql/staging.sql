-- Staging tables: canonical rows as readers give them, before countries are resolved.
CREATE TEMP TABLE stg_observation (
    source_id VARCHAR, indicator_code VARCHAR, country VARCHAR, year INTEGER, value DOUBLE,
    lower DOUBLE, upper DOUBLE, disaggregation VARCHAR, note VARCHAR, row BIGINT);
CREATE TEMP TABLE stg_recommendation (
    source_id VARCHAR, vocabulary VARCHAR, id VARCHAR, country VARCHAR, mechanism VARCHAR,
    body VARCHAR, recommending_state VARCHAR, session INTEGER, year INTEGER, date DATE,
    document VARCHAR, paragraph VARCHAR, position_source VARCHAR, text VARCHAR, response VARCHAR, action_category INTEGER,
    is_pledge BOOLEAN, affected_persons VARCHAR, sdgs VARCHAR, tags VARCHAR[], row BIGINT);
CREATE TEMP TABLE stg_ratification (
    source_id VARCHAR, country VARCHAR, treaty VARCHAR, action VARCHAR, date DATE,
    year INTEGER, row BIGINT);
CREATE TEMP TABLE stg_event (
    source_id VARCHAR, country VARCHAR, date DATE, kind VARCHAR, title VARCHAR, row BIGINT);
CREATE TEMP TABLE stg_implementation (
    source_id VARCHAR, recommendation_id VARCHAR, status VARCHAR, date DATE, row BIGINT);
CREATE TEMP TABLE stg_indicator AS SELECT * FROM indicator WITH NO DATA;
CREATE TEMP TABLE stg_cutpoint (source_id VARCHAR, indicator_code VARCHAR, threshold DOUBLE,
                                threshold_down DOUBLE);
CREATE TEMP TABLE source_order (source_id VARCHAR, load_order INTEGER, file VARCHAR);
CREATE TEMP TABLE country_map (raw VARCHAR, iso3 VARCHAR);
CREATE TEMP TABLE country_refused (raw VARCHAR, detail VARCHAR);
CREATE TEMP TABLE independence (iso3 VARCHAR, year INTEGER);
CREATE TEMP TABLE theme_map (vocabulary VARCHAR, tag VARCHAR, theme_code VARCHAR);
