-- Request numbers are handed out in blocks of 50 per instance (one sequence call per 50 requests instead of one
-- per request): nextval returns the first number of a block. Numbers stay unique; they increase within an
-- instance, and an instance that stops leaves the rest of its block unused.
ALTER SEQUENCE service_request_number_seq INCREMENT BY 50;
