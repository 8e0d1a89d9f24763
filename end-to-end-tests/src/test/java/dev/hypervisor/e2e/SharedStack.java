package dev.hypervisor.e2e;

import java.time.Duration;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One running stack for every test class that asks for it ({@code @ExtendWith(SharedStack.class)} and a
 * {@link StackUnderTest} parameter), started by {@code ./hypervisor up} on first use and stopped with
 * {@code ./hypervisor down} when the test run ends.
 */
public final class SharedStack implements ParameterResolver {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == StackUnderTest.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(SharedStack.class, key -> start(), Running.class).stack();
    }

    /** Closed by JUnit at the end of the run. */
    record Running(StackUnderTest stack) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() throws Throwable {
            stack.close();
        }
    }

    private static Running start() {
        try {
            StackUnderTest stack = new StackUnderTest().start();
            if (!stack.awaitOutput("Hypervisor is up at", START_TIMEOUT)) {
                stack.close();
                throw new IllegalStateException("./hypervisor up did not come up; it printed:\n" + stack.output());
            }
            return new Running(stack);
        } catch (Exception e) {
            throw new IllegalStateException("could not start the stack: " + e.getMessage(), e);
        }
    }
}
