# Mimics numpy.savez / savez_compressed byte for byte (numpy is not installed here):
# numpy.lib.format header v1.0 + zipfile with allowZip64 and zf.open(name, 'w', force_zip64=True).
# Prints the two files as base64; EventFileRoundTripTests embeds one such output (the zip timestamps differ per run).
import zipfile, struct, sys, base64
descr="[('ev', '<u8'), ('exch_ts', '<i8'), ('local_ts', '<i8'), ('px', '<f8'), ('qty', '<f8'), ('order_id', '<u8'), ('ival', '<i8'), ('fval', '<f8')]"
def header(n):
    d={'descr':descr,'fortran_order':False,'shape':(n,)}
    h="{"+"".join("'%s': %s, "%(k, d[k] if k=='descr' else repr(d[k])) for k in sorted(d))+"}"
    h+=" "*(21-len(repr(n)))
    hlen=len(h)+1
    pad=64-((10+hlen)%64)
    h=h+" "*pad+"\n"
    return b"\x93NUMPY\x01\x00"+struct.pack("<H",len(h))+h.encode('latin1')
rows=[(0xE0000001, 1723075200000000000, 1723075200002000000, 60000.1, 0.5, 0, 0, 0.0),
      (0x90000002, 1723075200000300000, 1723075200002300001, 60000.2, 0.003, 7, -3, 1.25),
      (0xD0000001, 1723075200000300000, 1723075200002300001, 60000.2, 0.0, 0, 0, 0.0)]
data=header(len(rows))+b"".join(struct.pack('<QqqddQqd',*r) for r in rows)
for name,comp in [("numpy_like_compressed.npz",zipfile.ZIP_DEFLATED),("numpy_like_stored.npz",zipfile.ZIP_STORED)]:
    with zipfile.ZipFile(name,mode='w',compression=comp,allowZip64=True) as zf:
        with zf.open('data.npy','w',force_zip64=True) as f:
            f.write(data)
    b=open(name,'rb').read()
    print(name,len(b))
    print(base64.b64encode(b).decode())
