"""The check characters of the numbers planted in the adversarial corpus.

Run it to print them; tests/adversarial.test.py imports the same
functions to prove that every "valid" number of the corpus passes its
check and every "invalid" one fails it, so that the redaction
assertions rest on numbers that are what they claim to be.  All
identity numbers use the fictional region codes 99xxxx.
"""

ID_W = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_C = "10X98765432"
USCC_CS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_W = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def id_check(first17):
    """ISO 7064 MOD 11-2 check character of a resident identity number."""
    return ID_C[sum(int(d) * w for d, w in zip(first17, ID_W)) % 11]


def id_valid(s):
    s = s.upper()
    return (len(s) == 18 and s[:17].isdigit() and s[17] == id_check(s[:17]))


def luhn_check(body):
    """The Luhn digit to append to body."""
    total = 0
    for i, d in enumerate(reversed(body)):
        d = int(d)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def luhn_valid(s):
    return s.isdigit() and luhn_check(s[:-1]) == s[-1]


def uscc_check(first17):
    """GB 32100-2015 check character of a unified social credit code."""
    total = sum(USCC_CS.index(c) * w for c, w in zip(first17, USCC_W))
    return USCC_CS[(31 - total % 31) % 31]


def uscc_valid(s):
    s = s.upper()
    return (len(s) == 18 and all(c in USCC_CS for c in s)
            and s[17] == uscc_check(s[:17]))


if __name__ == "__main__":
    # The numbers planted in cases/ (see ../adversarial.test.py).
    for s in ("999908197005123333", "99990219751108253X", "999901198003174129",
              "99991019950101222X", "999909198309251116", "999907198801015059",
              "999904198512307777", "999905196907041384", "999911196606064440",
              "999906199208153926", "999912197811115551",
              "999901198003174128"):
        print("identity  %s  %s" % (s, "valid" if id_valid(s) else "INVALID"))
    for s in ("6222021234567890128", "6217001234567810", "6228480000111122222",
              "6217001234567828", "6222021234567890127"):
        print("bank card %s  %s" % (s, "valid" if luhn_valid(s) else "INVALID"))
    for s in ("91999901MA1K2L3P41", "92999902MA7Q8R9T0R", "91999903MA0ABCDE1K"):
        print("uscc      %s  %s" % (s, "valid" if uscc_valid(s) else "INVALID"))
