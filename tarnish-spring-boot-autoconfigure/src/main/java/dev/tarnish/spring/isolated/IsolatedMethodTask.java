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
 * worker's own bean (through any proxy the bean has there, so its other aspects apply), and encodes
 * the return value. The core sees only bytes in and bytes out; the types are the method's.
 */
public final class IsolatedMethodTask implements Task<byte[], byte[]> {

    private final Object bean;

    private final Method method;

    private final MethodCodec codec;

    /**
     * Creates the task.
     * @param bean the bean, as the worker's context holds it
     * @param isolated the method
     */
    public IsolatedMethodTask(Object bean, IsolatedMethod isolated) {
        this.bean = bean;
        // A JDK proxy does not have the class's method, only the interface's.
        this.method = AopUtils.selectInvocableMethod(isolated.method(), bean.getClass());
        this.codec = MethodCodec.of(isolated.beanClass(), isolated.method(), isolated.description());
    }

    /**
     * Creates the task on the bean behind its proxies, for {@code tarnish.mode=in-process}: through the
     * proxy, the call would come back to the process it is run by.
     * @param bean the bean, as the application's context holds it
     * @param isolated the method
     * @return the task
     * @throws IllegalStateException if the bean's proxy does not hold one target
     */
    public static IsolatedMethodTask unproxied(Object bean, IsolatedMethod isolated) {
        Object target = bean;
        while (AopUtils.isAopProxy(target)) {
            Object next = AopProxyUtils.getSingletonTarget(target);
            if (next == null) {
                throw new IllegalStateException("Cannot run " + isolated.description() + " in process: the proxy of "
                        + "bean '" + isolated.beanName() + "' has no single target");
            }
            target = next;
        }
        return new IsolatedMethodTask(target, isolated);
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
