package dev.resolve.intake.api;

import dev.resolve.testing.ServiceConventionsTest;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ServiceContractTest extends ServiceConventionsTest {

    @Override
    protected String service() {
        return "intake-service";
    }

    @Override
    protected boolean emitsEvents() {
        return true;
    }
}
