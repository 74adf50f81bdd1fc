package vn.congvu.mail.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * When a fixture runs, by where the test registers it ({@code @RegisterExtension}): in a static field, started
 * before the class's first test and stopped after its last; in an instance field, started and stopped around each
 * test.
 */
abstract class TestScope implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
    private boolean forTheClass;

    abstract void start() throws Exception;

    abstract void stop() throws Exception;

    @Override
    public final void beforeAll(ExtensionContext context) throws Exception {
        forTheClass = true;
        start();
    }

    @Override
    public final void afterAll(ExtensionContext context) throws Exception {
        stop();
    }

    // JUnit calls these for a static field too: there the class's fixture stays.
    @Override
    public final void beforeEach(ExtensionContext context) throws Exception {
        if (!forTheClass) {
            start();
        }
    }

    @Override
    public final void afterEach(ExtensionContext context) throws Exception {
        if (!forTheClass) {
            stop();
        }
    }
}
