package dev.hypervisor.gateway;

import dev.hypervisor.common.problem.Problem;
import dev.hypervisor.common.problem.ProblemCode;
import dev.hypervisor.gateway.proxy.Forwarder;
import dev.hypervisor.gateway.proxy.ProblemReplies;
import dev.hypervisor.gateway.routing.RouteTable;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Puts the route table in front of everything: a path an upstream owns is forwarded, anything else falls through
 * to the gateway's own endpoints (/docs, /q/health) and the web console's pages (/console/, from the console
 * module's jar), and what nobody serves is a problem+json 404.
 */
@ApplicationScoped
public class GatewayRoutes {

    /** Before the gateway's own routes, so that an upstream's /q paths are not mistaken for the gateway's. */
    private static final int FORWARDING = -100;
    private static final int LAST = Integer.MAX_VALUE - 100;
    private static final String CONSOLE = "/console";

    private final RouteTable routes;
    private final Forwarder forwarder;
    private final ProblemReplies problems;

    public GatewayRoutes(RouteTable routes, Forwarder forwarder, ProblemReplies problems) {
        this.routes = routes;
        this.forwarder = forwarder;
        this.problems = problems;
    }

    void register(@Observes Router router) {
        router.route().order(FORWARDING).handler(this::forwardOrPass);
        router.route(CONSOLE).order(FORWARDING + 1).handler(this::toConsolesFolder);
        router.route().order(LAST).handler(context ->
                problems.send(context, Problem.of(ProblemCode.NOT_FOUND, "there is nothing at this path")));
    }

    /** The console's page names its stylesheet and script relative to /console/, so /console goes there. */
    private void toConsolesFolder(RoutingContext context) {
        if (!CONSOLE.equals(context.normalizedPath())) {
            context.next();
            return;
        }
        context.response().setStatusCode(302).putHeader("Location", CONSOLE + "/").end();
    }

    private void forwardOrPass(RoutingContext context) {
        routes.resolve(context.normalizedPath(), context.request().query())
                .ifPresentOrElse(destination -> forwarder.forward(context, destination), context::next);
    }
}
