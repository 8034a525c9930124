package dev.tarnish.spring.isolated;

import java.lang.reflect.Method;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

import dev.tarnish.Task;

import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.aop.support.AopUtils;

/**
 * The task a worker of an isolated method serves: decodes the arguments, calls the method on the
 * worker's own bean, and encodes the return value. The core sees only bytes in and bytes out; the
 * types are the method's.
 *
 * <p>The method is called on the bean behind its proxies: the bean's other aspects
 * ({@code @Transactional}, {@code @Retryable}) already ran in the application, around the call to
 * the worker, and must not run a second time here.
 */
public final class IsolatedMethodTask implements Task<byte[], byte[]> {

    private final Object bean;

    private final Method method;

    private final MethodCodec codec;

    /**
     * Creates the task.
     * @param bean the bean, as the context holds it (possibly proxied)
     * @param isolated the method
     */
    public IsolatedMethodTask(Object bean, IsolatedMethod isolated) {
        this.bean = target(bean, isolated);
        this.method = isolated.method();
        this.codec = MethodCodec.of(isolated.beanClass(), isolated.method(), isolated.description());
    }

    /**
     * The bean behind its proxies. In the in-process mode, the proxy would also send the call back to
     * the process that runs it.
     * @throws IllegalStateException if a proxy does not hold one target
     */
    private static Object target(Object bean, IsolatedMethod isolated) {
        Object target = bean;
        while (AopUtils.isAopProxy(target)) {
            Object next = AopProxyUtils.getSingletonTarget(target);
            if (next == null) {
                throw new IllegalStateException("Cannot run " + isolated.description() + ": the proxy of bean '"
                        + isolated.beanName() + "' has no single target");
            }
            target = next;
        }
        return target;
    }

    @Override
    public byte[] run(byte[] input) throws Exception {
        Object[] arguments = this.codec.decodeArguments(input);
        Object value;
        try {
            value = AopUtils.invokeJoinpointUsingReflection(this.bean, this.method, arguments);
            if (this.codec.asynchronous() && value != null) {
                value = ((CompletionStage<?>) value).toCompletableFuture().get();
            }
        }
        catch (ExecutionException | CompletionException ex) {
            throw rethrow((ex.getCause() != null) ? ex.getCause() : ex);
        }
        catch (Throwable ex) {
            throw rethrow(ex);
        }
        return this.codec.encodeResult(value);
    }

    /** What the method threw, as it is: the caller's TaskFailedException names its class. */
    private static Exception rethrow(Throwable thrown) {
        if (thrown instanceof Error error) {
            throw error;
        }
        return (thrown instanceof Exception exception) ? exception : new IllegalStateException(thrown);
    }
}
