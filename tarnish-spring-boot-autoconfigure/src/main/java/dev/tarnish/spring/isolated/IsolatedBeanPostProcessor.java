package dev.tarnish.spring.isolated;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.tarnish.IsolatedProcess;
import dev.tarnish.spring.InvalidIsolatedMethodException;
import dev.tarnish.spring.Isolated;

import org.springframework.aop.Advisor;
import org.springframework.aop.framework.Advised;
import org.springframework.aop.framework.AopInfrastructureBean;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.framework.ProxyProcessorSupport;
import org.springframework.aop.support.AopUtils;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.StaticMethodMatcherPointcut;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.FactoryBean;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.util.ClassUtils;
import org.springframework.util.function.SingletonSupplier;

/**
 * Puts a proxy in front of each bean with {@link dev.tarnish.spring.Isolated @Isolated} methods, in
 * the application only (in a worker the bean runs its methods itself). The proxy subclasses the
 * bean's class, so the bean is still injected by its class. A bean that another aspect already
 * proxies keeps that proxy, with the isolation added last: a transaction or a retry around an
 * isolated method then runs in the application, around the call to the worker.
 */
public final class IsolatedBeanPostProcessor extends ProxyProcessorSupport
        implements BeanPostProcessor, BeanFactoryAware {

    private static final long serialVersionUID = 1L;

    private final Map<String, List<IsolatedMethod>> methodsByBean = new LinkedHashMap<>();

    private transient BeanFactory beanFactory;

    private final transient Map<Class<?>, Map<Method, Isolated>> classesChecked = new ConcurrentHashMap<>();

    /**
     * Creates the post-processor.
     * @param methods every isolated method of the application
     */
    public IsolatedBeanPostProcessor(List<IsolatedMethod> methods) {
        for (IsolatedMethod method : methods) {
            this.methodsByBean.computeIfAbsent(method.beanName(), (name) -> new ArrayList<>()).add(method);
        }
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof AopInfrastructureBean || bean instanceof FactoryBean) {
            return bean;
        }
        List<IsolatedMethod> methods = this.methodsByBean.get(beanName);
        if (methods == null) {
            refuseUnknownIsolatedMethods(bean, beanName);
            return bean;
        }
        Advisor advisor = advisor(methods);
        if (bean instanceof Advised advised && !advised.isFrozen() && AopUtils.isAopProxy(bean)) {
            advised.addAdvisor(advisor);
            return bean;
        }
        ProxyFactory proxyFactory = new ProxyFactory(bean);
        proxyFactory.setProxyTargetClass(true);
        proxyFactory.addAdvisor(advisor);
        return proxyFactory.getProxy(getProxyClassLoader());
    }

    /**
     * A bean whose class has isolated methods but whose definition did not say so (a {@code @Bean}
     * method declaring a supertype, a FactoryBean's product, a registered singleton) has no process:
     * its methods would run here, unisolated. That must fail, not pass unnoticed.
     */
    private void refuseUnknownIsolatedMethods(Object bean, String beanName) {
        Class<?> beanClass = ClassUtils.getUserClass(AopUtils.getTargetClass(bean));
        Map<Method, Isolated> isolated = this.classesChecked.computeIfAbsent(beanClass,
                IsolatedMethods::isolatedMethods);
        if (!isolated.isEmpty()) {
            Method method = isolated.keySet().iterator().next();
            throw new InvalidIsolatedMethodException(IsolatedMethod.describe(beanClass, method), "tarnish did not know "
                    + "bean '" + beanName + "' to be a " + beanClass.getName() + " when it looked for @Isolated "
                    + "methods (a @Bean method declaring a supertype or interface, a FactoryBean, a singleton "
                    + "registered by hand), so it has no worker; declare the bean's own class as its type");
        }
    }

    private Advisor advisor(List<IsolatedMethod> methods) {
        Map<Method, IsolatedMethodInterceptor.Route> routes = new LinkedHashMap<>();
        for (IsolatedMethod method : methods) {
            SingletonSupplier<IsolatedProcess<?>> process = SingletonSupplier
                .of(() -> (IsolatedProcess<?>) this.beanFactory.getBean(method.taskName(), IsolatedProcess.class));
            MethodCodec codec = MethodCodec.of(method.beanClass(), method.method(), method.description());
            routes.put(method.method(), new IsolatedMethodInterceptor.Route(method, codec, process));
        }
        IsolatedMethodInterceptor interceptor = new IsolatedMethodInterceptor(methods.get(0).beanClass(), routes);
        StaticMethodMatcherPointcut pointcut = new StaticMethodMatcherPointcut() {
            @Override
            public boolean matches(Method method, Class<?> targetClass) {
                return interceptor.isolates(method);
            }
        };
        return new DefaultPointcutAdvisor(pointcut, interceptor);
    }
}
