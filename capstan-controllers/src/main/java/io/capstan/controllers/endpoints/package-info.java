/**
 * The Endpoints controller, following {@code pkg/controller/endpoint} and {@code pkg/api/v1/endpoints}: for every
 * Service with a selector it keeps an Endpoints object of the same name listing the matching pods (ready ones under
 * {@code addresses}, the others under {@code notReadyAddresses}) with each service port resolved against the pod's
 * container ports, repacked into canonical subsets and truncated at 1000 addresses; it deletes the Endpoints when the
 * Service goes and never touches the Endpoints of selector-less Services. The pod decisions ({@link
 * io.capstan.controllers.endpoints.PodEndpoints}), port resolution ({@link io.capstan.controllers.endpoints.ServicePorts})
 * and the trigger-time bookkeeping are shared with the EndpointSlice controllers.
 */
package io.capstan.controllers.endpoints;
