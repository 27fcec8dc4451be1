import threading

from pos_terminal.ids import uuid7


def test_uuid7_version_variant_and_order():
    ids = [uuid7() for _ in range(5000)]
    assert all(u.version == 7 and u.variant == "specified in RFC 4122" for u in ids)
    assert ids == sorted(ids)  # strictly increasing in one process, even within a millisecond
    assert len(set(ids)) == len(ids)


def test_uuid7_unique_across_threads():
    out = []

    def work():
        out.extend(uuid7() for _ in range(2000))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(out)) == 8000
