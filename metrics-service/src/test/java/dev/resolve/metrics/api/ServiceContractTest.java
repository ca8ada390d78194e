package dev.resolve.metrics.api;

import dev.resolve.testing.ServiceConventionsTest;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ServiceContractTest extends ServiceConventionsTest {

    @Override
    protected String service() {
        return "metrics-service";
    }

    @Override
    protected boolean emitsEvents() {
        return false;
    }
}
