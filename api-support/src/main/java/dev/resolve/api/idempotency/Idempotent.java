package dev.resolve.api.idempotency;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a creating operation safe to retry with an {@code Idempotency-Key} header ({@link IdempotentInterceptor}):
 * the method runs in a transaction with the key's claim, its answer is stored, and a retry gets the stored answer.
 * The method returns a {@link jakarta.ws.rs.core.Response} and takes the request body as its last parameter, as the
 * interfaces generated from the contracts declare it.
 */
@InterceptorBinding
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface Idempotent {

    /** What is being done, such as {@code POST /api/v1/requests}: keys are kept per caller and operation. */
    @Nonbinding
    String operation() default "";
}
