package nl.regiopool.examples;

import java.util.List;
import java.util.UUID;
import nl.regiopool.client.ApiClient;
import nl.regiopool.client.api.LoanAgreementsApi;
import nl.regiopool.client.model.LoanAgreement;
import nl.regiopool.client.model.LoanAgreementList;
import nl.regiopool.client.model.LoanAgreementStatus;
import nl.regiopool.client.sdk.Pages;

/** Every ACTIVE agreement in which the member borrows a worker, over as many pages as there are. */
public final class ListLoanIns {

    private ListLoanIns() {
    }

    public static List<LoanAgreement> active(ApiClient client, UUID memberId) {
        LoanAgreementsApi agreements = new LoanAgreementsApi(client);
        return Pages.all(cursor -> agreements.listLoanIns(memberId, LoanAgreementStatus.ACTIVE, 50, cursor),
                LoanAgreementList::getData, LoanAgreementList::getNextCursor).toList();
    }
}
