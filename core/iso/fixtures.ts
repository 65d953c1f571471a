/*
 * Test fixtures for the presentation and ACSE codecs and the association: hexdumps written from
 * ISO 8823 / X.226, ISO 8650 / X.227 and IEC 61850-8-1, one comment per field (fromHex strips them).
 * The MMS PDUs inside are opaque to the ISO layers; they are short ISO 9506-2 PDUs.
 */

/** MMS initiate-RequestPDU (opaque here), 16 octets. */
export const MMS_INITIATE_REQUEST = `
  a8 0e                  # initiate-RequestPDU [8]
    80 03 00 fd e8       #   localDetailCalling 65000
    81 01 0a             #   proposedMaxServOutstandingCalling 10
    82 01 0a             #   proposedMaxServOutstandingCalled 10
    83 01 0a             #   proposedDataStructureNestingLevel 10`;

/** MMS initiate-ResponsePDU (opaque here), 16 octets. */
export const MMS_INITIATE_RESPONSE = `
  a9 0e                  # initiate-ResponsePDU [9]
    80 03 00 fd e8       #   localDetailCalled 65000
    81 01 0a             #   negotiatedMaxServOutstandingCalling 10
    82 01 0a             #   negotiatedMaxServOutstandingCalled 10
    83 01 0a             #   negotiatedDataStructureNestingLevel 10`;

/** AARQ with the CONVENTIONS addressing and no authentication, 63 octets. */
export const AARQ = `
  60 3d                  # AARQ-apdu [APPLICATION 0], 61 octets
    a1 07                #   application-context-name [1]
      06 05 28 ca 22 02 03 #   OBJECT IDENTIFIER 1.0.9506.2.3 (MMS)
    a2 07                #   called-AP-title [2]
      06 05 29 01 87 67 01 #   form 2: OBJECT IDENTIFIER 1.1.1.999.1
    a3 03                #   called-AE-qualifier [3]
      02 01 0c           #     form 2: INTEGER 12
    a6 06                #   calling-AP-title [6]
      06 04 29 01 87 67  #     OBJECT IDENTIFIER 1.1.1.999
    a7 03                #   calling-AE-qualifier [7]
      02 01 0c           #     INTEGER 12
    be 17                #   user-information [30]: Association-information
      28 15              #     EXTERNAL
        02 01 03         #       indirect-reference: presentation context 3 (MMS)
        a0 10            #       single-ASN1-type [0]
${MMS_INITIATE_REQUEST}`;

/** The same AARQ with password authentication ("secret"), 82 octets. */
export const AARQ_PASSWORD = `
  60 50                  # AARQ-apdu [APPLICATION 0], 80 octets
    a1 07 06 05 28 ca 22 02 03 # application-context-name 1.0.9506.2.3
    a2 07 06 05 29 01 87 67 01 # called-AP-title 1.1.1.999.1
    a3 03 02 01 0c       #   called-AE-qualifier 12
    a6 06 06 04 29 01 87 67 #  calling-AP-title 1.1.1.999
    a7 03 02 01 0c       #   calling-AE-qualifier 12
    8a 02 07 80          #   sender-acse-requirements [10]: authentication (1 bit, set)
    8b 03 52 03 01       #   mechanism-name [11]: 2.2.3.1 (password)
    ac 08                #   calling-authentication-value [12], EXPLICIT
      80 06 73 65 63 72 65 74 # charstring [0] GraphicString "secret"
    be 17 28 15 02 01 03 a0 10 # user-information: EXTERNAL, context 3, single-ASN1-type
${MMS_INITIATE_REQUEST}`;

/** AARE accepting the association, with the responding title, 62 octets. */
export const AARE_ACCEPTED = `
  61 3c                  # AARE-apdu [APPLICATION 1], 60 octets
    a1 07 06 05 28 ca 22 02 03 # application-context-name 1.0.9506.2.3
    a2 03                #   result [2]
      02 01 00           #     accepted(0)
    a3 05                #   result-source-diagnostic [3]
      a1 03              #     acse-service-user [1]
        02 01 00         #       null(0)
    a4 07 06 05 29 01 87 67 01 # responding-AP-title [4]: 1.1.1.999.1
    a5 03 02 01 0c       #   responding-AE-qualifier [5]: 12
    be 17 28 15 02 01 03 a0 10 # user-information: EXTERNAL, context 3, single-ASN1-type
${MMS_INITIATE_RESPONSE}`;

/** AARE rejecting the association for a wrong password, 23 octets. */
export const AARE_AUTH_FAILURE = `
  61 15                  # AARE-apdu [APPLICATION 1], 21 octets
    a1 07 06 05 28 ca 22 02 03 # application-context-name 1.0.9506.2.3
    a2 03 02 01 01       #   result: rejected-permanent(1)
    a3 05 a1 03 02 01 0d #   result-source-diagnostic: acse-service-user, authentication-failure(13)`;

/** CP-type carrying AARQ, 131 octets. */
export const CP = `
  31 81 80               # CP-type SET, 128 octets
    a0 03                #   mode-selector [0]
      80 01 01           #     mode-value [0]: normal-mode(1)
    a2 79                #   normal-mode-parameters [2], 121 octets
      81 04 00 00 00 01  #     calling-presentation-selector [1]
      82 04 00 00 00 01  #     called-presentation-selector [2]
      a4 23              #     presentation-context-definition-list [4]
        30 0f            #       context definition
          02 01 01       #         presentation-context-identifier 1
          06 04 52 01 00 01 #      abstract-syntax-name 2.2.1.0.1 (ACSE)
          30 04 06 02 51 01 #      transfer-syntax-name-list: 2.1.1 (BER)
        30 10            #       context definition
          02 01 03       #         presentation-context-identifier 3
          06 05 28 ca 22 02 01 #   abstract-syntax-name 1.0.9506.2.1 (MMS)
          30 04 06 02 51 01 #      transfer-syntax-name-list: 2.1.1 (BER)
      61 46              #     user-data: fully-encoded-data [APPLICATION 1]
        30 44            #       PDV-list
          02 01 01       #         presentation-context-identifier 1 (ACSE)
          a0 3f          #         single-ASN1-type [0]
${AARQ}`;

/** CPA-PPDU carrying AARE_ACCEPTED, 106 octets. */
export const CPA = `
  31 68                  # CPA-PPDU SET, 104 octets
    a0 03 80 01 01       #   mode-selector: normal-mode
    a2 61                #   normal-mode-parameters [2], 97 octets
      83 04 00 00 00 01  #     responding-presentation-selector [3]
      a5 12              #     presentation-context-definition-result-list [5]
        30 07            #       for context 1
          80 01 00       #         result [0]: acceptance
          81 02 51 01    #         transfer-syntax-name [1]: 2.1.1
        30 07 80 01 00 81 02 51 01 # for context 3: acceptance, BER
      61 45              #     user-data: fully-encoded-data
        30 43            #       PDV-list
          02 01 01       #         context 1 (ACSE)
          a0 3e          #         single-ASN1-type
${AARE_ACCEPTED}`;

/** CPR-PPDU of a user rejection carrying AARE_AUTH_FAILURE, 60 octets. */
export const CPR_USER = `
  30 3a                  # CPR-PPDU normal-mode-parameters SEQUENCE, 58 octets
    83 04 00 00 00 01    #   responding-presentation-selector [3]
    a5 12                #   presentation-context-definition-result-list [5]
      30 07 80 01 00 81 02 51 01 # context 1: acceptance, BER
      30 07 80 01 00 81 02 51 01 # context 3: acceptance, BER
    61 1e                #   user-data: fully-encoded-data
      30 1c              #     PDV-list
        02 01 01         #       context 1 (ACSE)
        a0 17            #       single-ASN1-type
${AARE_AUTH_FAILURE}`;

/** ARU-PPDU carrying an ACSE ABRT from the service user, 16 octets. */
export const ARU_ABRT = `
  a0 0e                  # ARU-PPDU normal-mode-parameters [0]
    61 0c                #   user-data: fully-encoded-data
      30 0a              #     PDV-list
        02 01 01         #       context 1 (ACSE)
        a0 05            #       single-ASN1-type
          64 03          #         ABRT-apdu [APPLICATION 4]
            80 01 00     #           abort-source [0]: acse-service-user`;
