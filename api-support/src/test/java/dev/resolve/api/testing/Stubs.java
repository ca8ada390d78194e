package dev.resolve.api.testing;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Implementations of the JAX-RS interfaces a filter reads, answering only the methods a test names: any other call
 * fails, so a filter that starts to depend on more of the request shows up at once.
 */
public final class Stubs {

    private Stubs() {
    }

    /** An implementation of {@code type} answering each named method with its function of the call's arguments. */
    public static <T> T stub(Class<T> type, Map<String, Function<Object[], Object>> answers) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            Function<Object[], Object> answer = answers.get(method.getName());
            if (answer != null) {
                return answer.apply(args);
            }
            if (method.getName().equals("toString") && method.getParameterCount() == 0) {
                return "stub of " + type.getSimpleName();
            }
            throw new UnsupportedOperationException("not stubbed: " + method);
        }));
    }

    /** A request with this method, path (relative to the application, such as {@code /api/v1/cases}) and headers. */
    public static ContainerRequestContext request(String method, String path, Map<String, String> headers) {
        return request(method, path, new MultivaluedHashMap<>(), new MultivaluedHashMap<>(), headers);
    }

    /** A request with these decoded query and path parameters. */
    public static ContainerRequestContext request(MultivaluedMap<String, String> query, MultivaluedMap<String, String> path) {
        return request("GET", "/api/v1/things", query, path, Map.of());
    }

    private static ContainerRequestContext request(String method, String path, MultivaluedMap<String, String> query,
            MultivaluedMap<String, String> pathParameters, Map<String, String> headers) {
        Map<String, Function<Object[], Object>> uri = new HashMap<>();
        uri.put("getPath", args -> path);
        uri.put("getQueryParameters", args -> query);
        uri.put("getPathParameters", args -> pathParameters);
        UriInfo uriInfo = stub(UriInfo.class, uri);
        Map<String, Function<Object[], Object>> request = new HashMap<>();
        request.put("getMethod", args -> method);
        request.put("getUriInfo", args -> uriInfo);
        request.put("getHeaderString", args -> headers.get((String) args[0]));
        return stub(ContainerRequestContext.class, request);
    }
}
