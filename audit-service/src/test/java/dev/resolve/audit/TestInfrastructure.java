package dev.resolve.audit;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/** Registers the shared embedded PostgreSQL and Kafka for every test in this module. */
@WithTestResource(value = AuditTestStack.class, scope = TestResourceScope.GLOBAL)
public final class TestInfrastructure {

    private TestInfrastructure() {
    }
}
