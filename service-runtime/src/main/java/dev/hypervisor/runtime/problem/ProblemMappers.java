package dev.hypervisor.runtime.problem;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.hypervisor.common.problem.FieldError;
import dev.hypervisor.common.problem.InvalidFieldException;
import dev.hypervisor.common.problem.Problem;
import dev.hypervisor.common.problem.ProblemCode;
import dev.hypervisor.common.problem.ProblemException;
import dev.hypervisor.runtime.sql.DataAccessException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every error a service can raise while answering, as {@code application/problem+json} with a stable code.
 * Bad input is always a 4xx here; a 500 only ever means a fault of ours, and then it names an error id to find
 * in the log instead of anything internal.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException error) {
        return ProblemResponses.of(error);
    }

    @ServerExceptionMapper
    public Response invalidField(InvalidFieldException error) {
        String field = error.field().isEmpty() ? "request" : error.field();
        return ProblemResponses.of(Problem.validation(List.of(new FieldError(field, error.getMessage()))));
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException error) {
        return ProblemResponses.of(JsonReadErrors.describe(error));
    }

    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException error) {
        return ProblemResponses.of(JsonReadErrors.describe(error));
    }

    @ServerExceptionMapper
    public Response constraintViolations(ConstraintViolationException error) {
        List<FieldError> errors = error.getConstraintViolations().stream()
                .map(violation -> new FieldError(fieldOf(violation), violation.getMessage()))
                .sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::message))
                .toList();
        return ProblemResponses.of(Problem.validation(errors));
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException error) {
        if (error.getCause() != null) {
            // JAX-RS answers a path or query parameter it cannot convert (a limit of "many") with 404; the
            // client sent a malformed request, and should be told so.
            return ProblemResponses.of(Problem.of(ProblemCode.MALFORMED_REQUEST,
                    "a path or query parameter is not in the expected format"));
        }
        return ProblemResponses.of(Problem.of(ProblemCode.NOT_FOUND, "there is nothing at this path"));
    }

    @ServerExceptionMapper
    public Response methodNotAllowed(NotAllowedException error) {
        Response.ResponseBuilder answer = ProblemResponses.builder(
                Problem.of(ProblemCode.METHOD_NOT_ALLOWED, "this path does not accept that method"));
        String allowed = error.getResponse().getHeaderString(HttpHeaders.ALLOW);
        return (allowed == null ? answer : answer.header(HttpHeaders.ALLOW, allowed)).build();
    }

    @ServerExceptionMapper
    public Response unsupportedMediaType(NotSupportedException error) {
        return ProblemResponses.of(
                Problem.of(ProblemCode.UNSUPPORTED_MEDIA_TYPE, "send the body as application/json"));
    }

    @ServerExceptionMapper
    public Response notAcceptable(NotAcceptableException error) {
        return ProblemResponses.of(Problem.of(ProblemCode.NOT_ACCEPTABLE, "this path answers application/json"));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException error) {
        if (error.getCause() instanceof JacksonException json) {
            return ProblemResponses.of(JsonReadErrors.describe(json));
        }
        int status = error.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(error);
        }
        ProblemCode code = switch (status) {
            case 401 -> ProblemCode.UNAUTHORIZED;
            case 403 -> ProblemCode.FORBIDDEN;
            case 404 -> ProblemCode.NOT_FOUND;
            case 409 -> ProblemCode.CONFLICT;
            case 412 -> ProblemCode.PRECONDITION_FAILED;
            case 413 -> ProblemCode.PAYLOAD_TOO_LARGE;
            case 415 -> ProblemCode.UNSUPPORTED_MEDIA_TYPE;
            case 422 -> ProblemCode.VALIDATION_FAILED;
            default -> ProblemCode.MALFORMED_REQUEST;
        };
        return ProblemResponses.of(Problem.of(code, error.getMessage()));
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException error) {
        return ProblemResponses.builder(
                        Problem.of(ProblemCode.UNAUTHORIZED, "a valid bearer token is required"))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    /** How soon to ask again while the database cannot be reached: a restart takes seconds. */
    private static final int DATABASE_RETRY_SECONDS = 2;

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException error) {
        return ProblemResponses.of(Problem.of(ProblemCode.FORBIDDEN, "your roles do not allow this"));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable error) {
        if (DataAccessException.isUnreachable(error)) {
            LOG.warnf("the database cannot be reached (%s); answering 503", error.getMessage());
            return ProblemResponses.builder(Problem.of(ProblemCode.SERVICE_UNAVAILABLE,
                            "the database cannot be reached just now; try again in a moment"))
                    .header(HttpHeaders.RETRY_AFTER, DATABASE_RETRY_SECONDS)
                    .build();
        }
        String errorId = UUID.randomUUID().toString();
        LOG.errorf(error, "unexpected error %s", errorId);
        return ProblemResponses.of(Problem.of(ProblemCode.INTERNAL_ERROR,
                "something went wrong on our side; the log names it as error " + errorId));
    }

    /**
     * The name a client knows a violated value by: the body's field path ({@code resources.cpu}), or the query or
     * path parameter itself; never the Java method and parameter names that lead to it.
     */
    private static String fieldOf(ConstraintViolation<?> violation) {
        StringBuilder field = new StringBuilder();
        String parameter = null;
        for (Path.Node node : violation.getPropertyPath()) {
            switch (node.getKind()) {
                case PARAMETER -> parameter = node.getName();
                case PROPERTY, CONTAINER_ELEMENT, BEAN -> {
                    if (node.getName() != null) {
                        field.append(field.isEmpty() ? "" : ".").append(node.getName());
                    }
                    if (node.getIndex() != null) {
                        field.append('[').append(node.getIndex()).append(']');
                    }
                }
                default -> {
                    // the method, constructor or return value: not something the client sent
                }
            }
        }
        if (!field.isEmpty()) {
            return field.toString();
        }
        return parameter == null ? "request" : parameter;
    }
}
