package dev.hypervisor.runtime.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hypervisor.common.json.JsonRules;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/** Gives the HTTP layer the same JSON rules as the events: see {@link JsonRules}. */
@Singleton
public class JsonRulesCustomizer implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        JsonRules.apply(mapper);
    }
}
