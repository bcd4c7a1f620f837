package dev.liaison.profile.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.util.Objects;

/** One personalisation parameter of a service a profile subscribes to (e.g. voicemail / greeting = short). */
@Embeddable
public class ServiceParameter {

    @NotBlank
    @Size(max = 100)
    @Column(name = "service_name", nullable = false, length = 100)
    private String service;

    @NotBlank
    @Size(max = 100)
    @Column(name = "parameter_name", nullable = false, length = 100)
    private String name;

    @Size(max = 1000)
    @Column(name = "parameter_value", length = 1000)
    private String value;

    protected ServiceParameter() {
        // for JPA
    }

    ServiceParameter(String service, String name, String value) {
        this.service = service;
        this.name = name;
        this.value = value;
    }

    public String getService() {
        return service;
    }

    public String getName() {
        return name;
    }

    public String getValue() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ServiceParameter that && service.equals(that.service) && name.equals(that.name)
                && Objects.equals(value, that.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(service, name, value);
    }
}
