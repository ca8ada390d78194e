package dev.resolve.approvals.api;

import dev.resolve.testing.ServiceConventionsTest;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ServiceContractTest extends ServiceConventionsTest {

    @Override
    protected String service() {
        return "approval-service";
    }

    @Override
    protected boolean emitsEvents() {
        return false;
    }
}
