package org.netconform.suites.wsserver;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.netconform.spi.wsserver.WebSocketServerAdapter;

/**
 * Every case the endpoint suite runs against a target, so that what every case saw can be judged once more
 * for what the server sent as a sender (every frame, in every case: {@link ServerSenderScenarios}). Cases that
 * need a capability are in only when the adapter declares it.
 */
final class ServerCaseCatalog {
    private ServerCaseCatalog() {
    }

    static List<WsCase> all(WebSocketServerAdapter ws) {
        Map<String, WsCase> byId = new LinkedHashMap<>();
        List<WsCase> all = new ArrayList<>();
        all.add(ServerHeartbeatScenarios.learningCase());
        all.addAll(ServerFramingScenarios.lengthCases());
        all.addAll(ServerFramingScenarios.chopCases());
        all.addAll(ServerFramingScenarios.rsvCases());
        all.addAll(ServerFramingScenarios.opcodeCases());
        all.addAll(ServerFramingScenarios.unmaskedCases());
        all.addAll(ServerFramingScenarios.maskKeyCases());
        all.addAll(ServerFramingScenarios.topBitCases());
        all.addAll(ServerFramingScenarios.nonMinimalCases());
        all.addAll(ServerControlScenarios.pingCases());
        all.addAll(ServerControlScenarios.oversizeControlCases());
        all.addAll(ServerControlScenarios.unsolicitedPongCases());
        all.addAll(ServerControlScenarios.burstCases());
        all.addAll(ServerFragmentationScenarios.deliveryCases());
        all.addAll(ServerFragmentationScenarios.interleavedControlCases());
        all.addAll(ServerFragmentationScenarios.fragmentedControlCases());
        all.addAll(ServerFragmentationScenarios.orphanContinuationCases());
        all.addAll(ServerFragmentationScenarios.interleavedDataCases());
        all.addAll(ServerFragmentationScenarios.autoFragmentCases());
        all.addAll(ServerUtf8Scenarios.invalidSingleFrameCases());
        all.addAll(ServerUtf8Scenarios.invalidAcrossFragmentsCases());
        all.addAll(ServerUtf8Scenarios.validSplitCases());
        all.addAll(ServerUtf8Scenarios.validCodePointCases());
        all.addAll(ServerUtf8Scenarios.binaryIsNotTextCases());
        all.addAll(ServerUtf8Scenarios.failFastCases());
        all.addAll(ServerCloseScenarios.validCloseCases());
        all.addAll(ServerCloseScenarios.everyFailureCase());
        all.addAll(ServerCloseScenarios.informationalCodeCases());
        all.addAll(ServerCloseScenarios.afterCloseCases());
        all.addAll(ServerCloseScenarios.pingAfterCloseCases());
        all.addAll(ServerCloseScenarios.stalledCloseCases());
        all.addAll(ServerCloseScenarios.twoClosesCases());
        all.addAll(ServerLimitScenarios.performanceCases());
        all.addAll(ServerLimitScenarios.headerProbeCases());
        if (ws.capabilities().contains(WebSocketServerAdapter.LIMITS)) {
            all.addAll(ServerLimitScenarios.declaredLimitCases(ws));
        }
        all.addAll(ServerHandshakeScenarios.everyCase());
        if (ws.capabilities().contains(WebSocketServerAdapter.RESOURCE_NAME)) {
            all.addAll(ServerHandshakeScenarios.resourceNameCases());
        }
        if (ws.capabilities().contains(WebSocketServerAdapter.ORIGIN_POLICY)) {
            all.addAll(ServerHandshakeScenarios.originCases(ws));
        }
        all.addAll(ServerSecurityScenarios.originDefaultCases());
        all.addAll(ServerSecurityScenarios.unboundedSizeCases(ws));
        all.addAll(ServerHeartbeatScenarios.idleCases());
        all.addAll(ServerConcurrencyScenarios.concurrencyCases());
        for (WsCase c : all) {
            byId.putIfAbsent(c.id(), c);
        }
        return List.copyOf(byId.values());
    }
}
